/** The host page's look: Jira's navigation, sidebar and issue view, roughly. */
export const HOST_PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/20px -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',sans-serif;color:#172b4d;background:#fff}
a{color:#0c66e4;text-decoration:none}
.topnav{position:sticky;top:0;z-index:2;display:flex;align-items:center;gap:16px;height:56px;padding:0 16px;border-bottom:1px solid #091e4224;background:#fff}
.logo{display:flex;align-items:center;gap:8px;font-weight:600;font-size:18px;color:#172b4d}
.logo-mark{width:24px;height:24px;border-radius:4px;background:linear-gradient(135deg,#0c66e4,#1d7afc)}
.sim-tag{margin-left:4px;padding:0 4px;border-radius:3px;background:#fff7d6;color:#a54800;font-size:11px;font-weight:700;text-transform:uppercase}
.topnav nav{display:flex;gap:4px}
.topnav nav a{padding:6px 8px;border-radius:3px;color:#44546f;font-weight:500}
.topnav nav a:hover{background:#091e420f}
.topnav nav a.active{color:#0c66e4;box-shadow:inset 0 -2px 0 #0c66e4;border-radius:0}
.spacer{flex:1}
.switcher{display:flex;align-items:center;gap:8px;color:#626f86}
.switcher select{height:32px;padding:0 8px;border:1px solid #8590a2;border-radius:3px;font:inherit;color:#172b4d;background:#fff}
.me{width:32px;height:32px;border-radius:50%}
.layout{display:flex;min-height:calc(100vh - 56px)}
.sidebar{flex:none;width:260px;height:calc(100vh - 56px);position:sticky;top:56px;overflow:auto;padding:16px 8px;border-right:1px solid #091e4224;background:#f7f8f9}
.sidebar h2{margin:16px 8px 8px;font-size:11px;line-height:16px;text-transform:uppercase;color:#626f86}
.sidebar ul{margin:0;padding:0;list-style:none}
.sidebar a{display:flex;gap:8px;padding:4px 8px;border-radius:3px;color:#44546f}
.sidebar a:hover{background:#091e420f}
.sidebar a.active{background:#e9f2ff;color:#0c66e4}
.sidebar .key{flex:none;font-weight:600;font-size:12px}
.sidebar .summary{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
main{flex:1;min-width:0}
main.full{display:flex;flex-direction:column}
.page-frame{flex:1;width:100%;min-height:calc(100vh - 56px);border:0}
.notice{padding:48px}
.issue-view{display:flex}
.issue{flex:1;min-width:0;padding:24px 32px}
.issue h1{margin:8px 0 24px;font-size:24px;line-height:28px;font-weight:500}
.issue h3{margin:24px 0 8px;font-size:14px;color:#44546f}
.issue p{margin:0;white-space:pre-wrap}
.issue dl{display:grid;grid-template-columns:120px 1fr;gap:8px;margin:0}
.issue dt{color:#626f86}
.issue dd{margin:0}
.crumbs{color:#626f86}
.glance{flex:none;width:402px;height:calc(100vh - 56px);position:sticky;top:56px;display:flex;flex-direction:column;border-left:1px solid #091e4224}
.glance header{display:flex;align-items:center;gap:8px;height:48px;padding:0 16px;border-bottom:1px solid #091e4224;font-weight:600}
.glance-icon{width:16px;height:16px;border-radius:3px;background:#0c66e4}
.glance-frame{flex:1;width:400px;border:0}
/* A phone: like Jira, no sidebar, and the app takes the whole width. */
@media (max-width:640px){.sidebar{display:none}.topnav{gap:8px;overflow:hidden}.topnav nav{display:none}}
`;

/**
 * The slice of JQL the app needs: `project` and `key` clauses with `=` or `in`, entity
 * property clauses (`issue.property[key].path <op> value`, see jql-property.ts), joined by AND,
 * and an optional `ORDER BY key|created [ASC|DESC]`. Anything else is refused with a 400, as
 * Jira refuses JQL it cannot run.
 */
export type JqlClause = FieldClause | PropertyClause;

export interface FieldClause {
  field: 'project' | 'key';
  values: string[];
}

export const PROPERTY_OPERATORS = ['=', '!=', '>', '>=', '<', '<=', '~', '!~', 'in'] as const;
export type PropertyOperator = (typeof PROPERTY_OPERATORS)[number];

/** `issue.property[planningPoker].consensus = false`: checked against the indexed paths. */
export interface PropertyClause {
  field: 'property';
  /** The clause's field as written, for Jira's error messages. */
  name: string;
  entityType: string;
  propertyKey: string;
  path: string;
  operator: PropertyOperator;
  values: string[];
}

const PROPERTY_FIELD = /^(issue)\.property\[([^\]]+)\]\.(.+)$/i;

export interface JqlQuery {
  clauses: JqlClause[];
  orderBy?: { field: 'key' | 'created'; direction: 'ASC' | 'DESC' };
}

/** Carries Jira's error messages for the `errorMessages` array of a 400. */
export class JqlError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(' '));
  }
}

interface Token {
  kind: 'word' | 'string' | 'symbol';
  text: string;
  /** 1-based character position, as Jira reports it. */
  at: number;
}

const FIELD_ALIASES: Record<string, FieldClause['field']> = {
  project: 'project',
  key: 'key',
  issuekey: 'key',
};

const ORDER_FIELDS: Record<string, 'key' | 'created'> = {
  key: 'key',
  issuekey: 'key',
  created: 'created',
  createddate: 'created',
};

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const char = jql[i];
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '"' || char === "'") {
      const end = jql.indexOf(char, i + 1);
      if (end < 0) syntaxError(`The quoted string '${jql.slice(i + 1)}' has not been completed`, i);
      tokens.push({ kind: 'string', text: jql.slice(i + 1, end), at: i + 1 });
      i = end + 1;
    } else if ((/[!<>]/.test(char) && jql[i + 1] === '=') || (char === '!' && jql[i + 1] === '~')) {
      tokens.push({ kind: 'symbol', text: jql.slice(i, i + 2), at: i + 1 });
      i += 2;
    } else if (/[=(),<>~]/.test(char)) {
      tokens.push({ kind: 'symbol', text: char, at: i + 1 });
      i += 1;
    } else {
      const match = /^[^\s=!<>~(),"']+/.exec(jql.slice(i));
      const text = match ? match[0] : char;
      tokens.push({ kind: 'word', text, at: i + 1 });
      i += text.length;
    }
  }
  return tokens;
}

function syntaxError(problem: string, index: number): never {
  throw new JqlError([`Error in the JQL Query: ${problem}. (line 1, character ${index + 1})`]);
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parse(): JqlQuery {
    const clauses: JqlClause[] = [];
    if (this.peek() && !this.isWord('order')) {
      clauses.push(this.clause());
      while (this.isWord('and')) {
        this.index += 1;
        clauses.push(this.clause());
      }
    }
    const orderBy = this.isWord('order') ? this.orderBy() : undefined;
    const rest = this.peek();
    if (rest) this.fail('the end of the query or AND', rest);
    return orderBy ? { clauses, orderBy } : { clauses };
  }

  private clause(): JqlClause {
    const fieldToken = this.expect('a field name', (token) => token.kind !== 'symbol');
    const property = PROPERTY_FIELD.exec(fieldToken.text);
    if (property) return this.propertyClause(fieldToken.text, property);
    const field = FIELD_ALIASES[fieldToken.text.toLowerCase()];
    if (!field) {
      throw new JqlError([
        `Error in the JQL Query: Field '${fieldToken.text}' is not supported (the simulator knows project and key). (line 1, character ${fieldToken.at})`,
      ]);
    }
    if (this.isSymbol('=')) {
      this.index += 1;
      return { field, values: [this.value()] };
    }
    if (this.isWord('in')) {
      this.index += 1;
      return { field, values: this.list() };
    }
    return this.fail("'=' or 'in'", this.peek());
  }

  private propertyClause(
    name: string,
    [, entityType, propertyKey, path]: string[],
  ): PropertyClause {
    const token = this.peek();
    const text = token?.kind === 'word' ? token.text.toLowerCase() : token?.text;
    const operator = PROPERTY_OPERATORS.find((candidate) => candidate === text);
    if (!token || token.kind === 'string' || !operator) {
      return this.fail('an operator', token);
    }
    this.index += 1;
    const values = operator === 'in' ? this.list() : [this.value()];
    return {
      field: 'property',
      name,
      entityType: entityType.toLowerCase(),
      propertyKey,
      path,
      operator,
      values,
    };
  }

  private list(): string[] {
    this.expect("'('", (token) => token.kind === 'symbol' && token.text === '(');
    const values = [this.value()];
    while (this.isSymbol(',')) {
      this.index += 1;
      values.push(this.value());
    }
    this.expect("')' or ','", (token) => token.kind === 'symbol' && token.text === ')');
    return values;
  }

  private value(): string {
    const token = this.expect('a value', (candidate) => candidate.kind !== 'symbol');
    if (token.kind === 'word' && ['and', 'or', 'order', 'in'].includes(token.text.toLowerCase())) {
      this.fail('a value', token);
    }
    return token.text;
  }

  private orderBy(): NonNullable<JqlQuery['orderBy']> {
    this.index += 1;
    this.expect("'by'", (token) => token.kind === 'word' && token.text.toLowerCase() === 'by');
    const fieldToken = this.expect('a field name', (token) => token.kind !== 'symbol');
    const field = ORDER_FIELDS[fieldToken.text.toLowerCase()];
    if (!field) {
      throw new JqlError([
        `Error in the JQL Query: Ordering by '${fieldToken.text}' is not supported (the simulator orders by key or created). (line 1, character ${fieldToken.at})`,
      ]);
    }
    const direction = this.peek()?.text.toUpperCase();
    if (direction === 'ASC' || direction === 'DESC') {
      this.index += 1;
      return { field, direction };
    }
    return { field, direction: 'ASC' };
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }

  private isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token?.kind === 'symbol' && token.text === symbol;
  }

  private expect(what: string, accept: (token: Token) => boolean): Token {
    const token = this.peek();
    if (!token || !accept(token)) this.fail(what, token);
    this.index += 1;
    return token;
  }

  private fail(what: string, token: Token | undefined): never {
    if (!token) return syntaxError(`Expecting ${what} but got the end of the query`, this.length);
    return syntaxError(`Expecting ${what} but got '${token.text}'`, token.at - 1);
  }
}

/** Parses the supported JQL subset; throws JqlError with Jira-style messages. */
export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql), jql.length).parse();
}

import { Controller, Get, Inject } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { buildDescriptor } from './descriptor';

@Controller()
export class DescriptorController {
  private readonly descriptor: Record<string, unknown>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.descriptor = buildDescriptor(config);
  }

  @Get('atlassian-connect.json')
  get(): Record<string, unknown> {
    return this.descriptor;
  }
}

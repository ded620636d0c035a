import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionController } from './session.controller.js';

@Module({ controllers: [AuthController, SessionController], providers: [AuthService, LoginThrottle], exports: [AuthService] })
export class AuthModule {}

import { Module } from '@nestjs/common';
import { AdminUsersController } from './admin-users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [AdminUsersController],
  providers: [UsersRepository, UsersService],
})
export class UsersModule {}

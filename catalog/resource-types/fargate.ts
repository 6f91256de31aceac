/**
 * The Fargate price keys: ECS tasks on Fargate are billed at them, and Kubernetes pod requests are
 * priced at the x86 rate unless a usage file sets the cluster's own node prices. Declared (with
 * their offer products) by aws_ecs_service.
 */
export const FARGATE_VCPU_HOUR = { x86: 'fargate.x86.vcpu.hour', arm: 'fargate.arm.vcpu.hour' } as const;
export const FARGATE_GB_HOUR = { x86: 'fargate.x86.gb.hour', arm: 'fargate.arm.gb.hour' } as const;

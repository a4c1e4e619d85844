import type { PrismaClient } from "@prisma/client";

import { localModeConfig, withEmulatorClock } from "./local-mode.server";
import { createPrismaClient } from "./prisma-client.server";

declare global {
  // Kept on globalThis so that Vite's hot reloads in development reuse one pool.
  var prismaGlobal: PrismaClient | undefined;
}

const local = localModeConfig();
const prisma = globalThis.prismaGlobal ?? (local ? withEmulatorClock(createPrismaClient(), local) : createPrismaClient());

if (process.env.NODE_ENV !== "production") {
  globalThis.prismaGlobal = prisma;
}

export default prisma;

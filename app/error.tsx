"use client";
export { default } from "./t/[tenant]/error";

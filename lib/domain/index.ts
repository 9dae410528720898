// The public API of the domain layer: pure rules, no I/O.
export * from "./catalogue";
export * from "./rules";
export * from "./result";
export * from "./pool";
export * from "./storage";
export * from "./placement";
export * from "./affinity";
export * from "./vm";
export * from "./disks";
export * from "./nics";
export * from "./encryption";
export * from "./replication";
export * from "./network";
export * from "./orders";
export * from "./sla";
export * from "./billing";
export * from "./what-if";

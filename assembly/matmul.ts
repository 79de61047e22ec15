export function matmulScratchBytes(): i32 { return 0 } // PLACEHOLDER

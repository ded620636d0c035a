/** Returns at once: one workflow task, the cheapest complete execution. */
export async function noopWorkflow(): Promise<void> {}

// The LLM layer's public surface: the gateway (optional at run time) and the input guard (always on).
export { createLlmGateway, type LlmGateway, type LlmGatewayOptions, type LlmTuning, type LlmTurnBudget } from './gateway';
export { asksForSomethingElse, checkPatientInput, type InputCheck, type InputRefusalReason } from './guards/input';
export { redactPhi, restorePhi, type Redaction } from './guards/phi';

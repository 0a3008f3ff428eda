// The research tools build on the engine's root types (IRiskModel, RiskModelCompiler) in every folder.
global using Tma.Scoring;

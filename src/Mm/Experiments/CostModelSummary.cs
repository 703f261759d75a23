namespace ArchPgtable.Mm.Experiments;

/// <summary>How honest an experiment's simulated time is: which published rows its weights were fitted to (they agree by construction) and what is a prediction.</summary>
/// <param name="Fitted">The weights fitted, and to which rows.</param>
/// <param name="Predicted">What the model predicts rather than reproduces.</param>
public sealed record CostModelSummary(string Fitted, string Predicted);

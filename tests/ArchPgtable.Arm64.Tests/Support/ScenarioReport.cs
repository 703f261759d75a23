namespace ArchPgtable.Arm64.Tests.Support;

/// <summary>What a young/dirty clearing helper did wrong on one scenario, by contract rule (kernel reference §4.3).</summary>
public sealed class ScenarioReport
{
    /// <summary>Rule 1: entries in the range that ptep_get still reports young or dirty (their indices).</summary>
    public List<int> StillYoungOrDirty { get; } = [];

    /// <summary>Rule 1, one line per entry.</summary>
    public List<string> Logical { get; } = [];

    /// <summary>Rule 2: raw entries changed outside the range and outside the cont blocks of its two ends.</summary>
    public List<string> Collateral { get; } = [];

    /// <summary>Rule 3: an entry's CONT, VALID, WRITE bit or PFN changed.</summary>
    public List<string> Structural { get; } = [];

    /// <summary>Rule 3: folds, unfolds or TLB flushes issued by the helper.</summary>
    public List<string> CostViolations { get; } = [];

    /// <summary>What the helper cost.</summary>
    public CostSnapshot Cost { get; set; }

    /// <summary>Every violation.</summary>
    public IReadOnlyList<string> Violations => [.. Logical, .. Collateral, .. Structural, .. CostViolations];

    public override string ToString() => Violations.Count == 0 ? "no violations" : string.Join(Environment.NewLine, Violations);
}

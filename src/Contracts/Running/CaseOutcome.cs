namespace ArchPgtable.Contracts.Running;

/// <summary>What one generated case did.</summary>
internal enum CaseOutcome
{
    /// <summary>Every rule held.</summary>
    Pass,

    /// <summary>A rule was broken.</summary>
    Fail,

    /// <summary>The state offered no valid call (counts as passing).</summary>
    Discard,
}

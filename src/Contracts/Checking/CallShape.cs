namespace ArchPgtable.Contracts.Checking;

/// <summary>How a helper's arguments are drawn from a generated state.</summary>
internal enum CallShape
{
    /// <summary>A range of present entries mapping consecutive pages of one folio (the batch contract).</summary>
    Batch,

    /// <summary>One present entry.</summary>
    Single,

    /// <summary>None entries mapped anew with consecutive pages of a folio (set_ptes).</summary>
    NewMapping,

    /// <summary>One present entry cleared just before the call and set again by it (set_pte_at; the refold path).</summary>
    Reset,
}

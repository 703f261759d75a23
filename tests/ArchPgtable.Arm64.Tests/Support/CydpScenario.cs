namespace ArchPgtable.Arm64.Tests.Support;

/// <summary>
/// The page-table states of the mkold_clean_ptes v4 review (kernel reference §4.4), with C =
/// CONT_PTES and the folio mapped from table index F = 2C (block-aligned VA and PA).
/// </summary>
public enum CydpScenario
{
    /// <summary>Bug 1: 2C-page folio, block 0 non-cont, block 1 cont; range [F, F+C+4) starts non-cont and ends inside block 1, whose sibling F+C+11 (outside the range) is young and dirty.</summary>
    A,

    /// <summary>Bug 2: 4C-page folio mapped cont; range = the first three blocks (nr = 3C); block 3 is young/dirty outside the range.</summary>
    C,

    /// <summary>Bug 2, the MADV_FREE case: a fully mapped 2-block folio, both blocks cont, nr = 2C.</summary>
    CPrime,

    /// <summary>Bug 1 reversed: 2C-page folio, block 0 cont, block 1 non-cont; nr = 2C.</summary>
    D,

    /// <summary>Both ends inside cont blocks: 4C-page folio mapped cont, range [F+3, F+2C+3); young/dirty siblings outside the range in both end blocks.</summary>
    E,
}

/// <summary>The range a scenario asks the helper to clear.</summary>
public readonly record struct ScenarioRange(int Start, int Nr)
{
    public int End => Start + Nr;

    public bool Contains(int index) => index >= Start && index < End;
}

namespace ArchPgtable.Contracts.Checking;

/// <summary>How a young or dirty state may change.</summary>
internal enum AdChange
{
    /// <summary>It must stay as it was.</summary>
    Keep,

    /// <summary>It may be cleared but never set.</summary>
    MayClear,

    /// <summary>It may be set but never cleared.</summary>
    MayGain,
}

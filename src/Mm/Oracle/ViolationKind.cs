namespace ArchPgtable.Mm.Oracle;

/// <summary>What an <see cref="OracleViolation"/> broke.</summary>
public enum ViolationKind
{
    /// <summary>A store completed through an entry core mm had not made writable for that process and page.</summary>
    Permission,

    /// <summary>One process could see (or write) another's private page: a store to a page another process maps, a read of another process's write, or a private page mapped writable twice.</summary>
    Isolation,
}

namespace ArchPgtable.Hardware;

/// <summary>The kind of memory access the simulated CPU makes.</summary>
public enum MemoryAccess
{
    /// <summary>A load.</summary>
    Read,

    /// <summary>A store (also atomics and store-conditional).</summary>
    Write,
}

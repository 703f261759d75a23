using System.Runtime.CompilerServices;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// <see cref="PteTable"/>'s per-entry <c>Read</c>/<c>Write</c> with the counters and the observer deleted: an array
/// behind the same calls. The <c>hooks-per-entry</c> baseline, so that the ratio is what the hooks cost and not
/// what calling through a table costs.
/// </summary>
/// <param name="entries">Entries in the table.</param>
internal sealed class HooklessTable(int entries)
{
    private readonly ulong[] _words = new ulong[entries];

    /// <summary>Reads an entry.</summary>
    /// <remarks>Kernel: READ_ONCE(*ptep)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pte Read(int index) => new(_words[index]);

    /// <summary>Stores an entry.</summary>
    /// <remarks>Kernel: WRITE_ONCE(*ptep, pte)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(int index, Pte value) => _words[index] = value.Value;
}

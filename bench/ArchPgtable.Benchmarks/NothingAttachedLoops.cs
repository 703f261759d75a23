namespace ArchPgtable.Benchmarks;

/// <summary>
/// The loops that say what counting and observation cost when nothing is attached: each one's hook-free twin over the
/// same 512 words, and the same loop over a <see cref="PteTable"/> with no counters and no observer. Shared by
/// <see cref="NothingAttachedBenchmarks"/>, <see cref="CFloorBenchmarks"/> (its hook-free baselines) and the
/// <c>hooks</c> mode.
/// </summary>
internal sealed class NothingAttachedLoops
{
    /// <summary>Entries per table.</summary>
    public const int Entries = 512;

    private readonly ulong[] _hooklessWords = new ulong[Entries];
    private readonly HooklessTable _hooklessTable = new(Entries);
    private readonly PteTable _bare = new(Entries);

    /// <summary>Fills every table with the same words.</summary>
    /// <param name="words">Entries words to copy.</param>
    public NothingAttachedLoops(ReadOnlySpan<ulong> words)
    {
        words.CopyTo(_hooklessWords);
        for (var i = 0; i < Entries; i++)
        {
            _hooklessTable.Write(i, new Pte(words[i]));
            _bare.Write(i, new Pte(words[i]));
        }
    }

    /// <summary>512 written arm64 entries (young, dirty, writable, shared), made by the format alone: no table is touched.</summary>
    public static ulong[] WrittenArm64Words()
    {
        var format = Archs.Arm64().Format;
        var prot = format.ProtFor(VmFlags.Read | VmFlags.Write | VmFlags.Shared);
        var words = new ulong[Entries];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = format.MkDirty(format.MkYoung(format.PfnPte(0x80000 + (ulong)i, prot))).Value;
        }

        return words;
    }

    /// <summary>The block transform's hook-free twin: a loop over the plain array.</summary>
    public void HooklessTransform()
    {
        var span = _hooklessWords.AsSpan();
        var t = default(MkOldClean);
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = t.Apply(new Pte(span[i])).Value;
        }
    }

    /// <summary>The block transform with nothing attached.</summary>
    public void TransformNothingAttached() => _bare.Transform(0, Entries, default(MkOldClean));

    /// <summary>A Read/Write call per entry with the hooks deleted (<see cref="HooklessTable"/>).</summary>
    public void HooklessReadWrite()
    {
        var table = _hooklessTable;
        var t = default(MkOldClean);
        for (var i = 0; i < Entries; i++)
        {
            table.Write(i, t.Apply(table.Read(i)));
        }
    }

    /// <summary>A Read/Write call per entry with nothing attached.</summary>
    public void ReadWriteNothingAttached()
    {
        var table = _bare;
        var t = default(MkOldClean);
        for (var i = 0; i < Entries; i++)
        {
            table.Write(i, t.Apply(table.Read(i)));
        }
    }
}

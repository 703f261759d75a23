namespace ArchPgtable.Contracts.Running;

/// <summary>What a case records when it is replayed for a counterexample.</summary>
internal sealed class CaseReport
{
    public List<string> Setup { get; } = [];

    public string Call { get; set; } = "";

    public List<string> Entries { get; } = [];

    public List<string> Writes { get; } = [];

    public string? Race { get; set; }

    public List<string> Violations { get; } = [];

    /// <summary>Context of the failure that tells kinds of failure apart (<see cref="FailureSignature"/>), or null.</summary>
    public string? SignatureContext { get; set; }

    /// <summary>The region's raw words before and after the call (helper contract cases).</summary>
    public CounterexampleTable? Table { get; set; }

    /// <summary>Contiguous-block-sized groups of the table that held a present entry (the state's size).</summary>
    public int Blocks { get; set; }

    /// <summary>Counts the block-sized groups of the world's region that hold a present entry now.</summary>
    public void CountBlocks(World.ContractWorld w)
    {
        var c = w.Geometry.ContPtes;
        var blocks = 0;
        for (var b = w.RegionStart & ~(c - 1); b < w.RegionEnd; b += c)
        {
            for (var i = b; i < Math.Min(b + c, w.Table.Count); i++)
            {
                if (w.Format.Present(w.Table.Peek(i)))
                {
                    blocks++;
                    break;
                }
            }
        }

        Blocks = Math.Max(Blocks, blocks);
    }
}

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
}

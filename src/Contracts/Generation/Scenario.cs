namespace ArchPgtable.Contracts.Generation;

/// <summary>A generated case: the folios mapped, the events applied to them, and the call under test.</summary>
/// <param name="Folios">The folios, placed left to right in the PTE table.</param>
/// <param name="Events">Hardware accesses and single-entry changes applied after mapping.</param>
/// <param name="Call">The call under test.</param>
internal sealed record Scenario(IReadOnlyList<FolioSpec> Folios, IReadOnlyList<SetupEvent> Events, CallSpec Call)
{
    /// <summary>A rough size for ordering shrinks: fewer, smaller folios and fewer events are simpler.</summary>
    public int Weight
    {
        get
        {
            var w = Events.Count * 4;
            foreach (var f in Folios)
            {
                w += 8 + f.Pages + f.Gap + (f.SplitAt != 0 ? 2 : 0);
            }

            return w + Call.LenPick;
        }
    }

    public override string ToString() =>
        $"[{string.Join("; ", Folios)}] events [{string.Join("; ", Events)}] call {Call}";
}

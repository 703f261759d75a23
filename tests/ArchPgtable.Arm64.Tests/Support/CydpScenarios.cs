namespace ArchPgtable.Arm64.Tests.Support;

/// <summary>Builds the <see cref="CydpScenario"/> states through the public helpers and the hardware model.</summary>
public static class CydpScenarios
{
    /// <summary>The folio's first table index: 2 * CONT_PTES.</summary>
    public static int FolioIndex(World w) => 2 * w.C;

    /// <summary>Maps the scenario's folio, sets A/D as the hardware would, and returns the range to clear.</summary>
    public static ScenarioRange Setup(World w, CydpScenario scenario)
    {
        var c = w.C;
        var f = FolioIndex(w);
        var p = World.BasePfn;
        ScenarioRange range;
        switch (scenario)
        {
            case CydpScenario.A:
                w.Mm.AddFolio(p, 2 * c);
                w.Map(f, p, c / 2);                              // two partial set_ptes: block 0 stays non-cont
                w.Map(f + (c / 2), p + (ulong)(c / 2), c / 2);
                w.Map(f + c, p + (ulong)c, c);                   // block 1: one aligned set_ptes → cont
                range = new ScenarioRange(f, c + 4);
                w.TouchRange(range.Start, range.Nr);
                w.Touch(f + c + 11);                             // the sibling outside the range
                Expect(w, f, c, cont: false);
                Expect(w, f + c, c, cont: true);
                break;
            case CydpScenario.C:
                w.Mm.AddFolio(p, 4 * c);
                w.Map(f, p, 4 * c);
                range = new ScenarioRange(f, 3 * c);
                w.TouchRange(range.Start, range.Nr);
                w.Touch(f + (3 * c) + 1);                        // block 3, outside the range
                Expect(w, f, 4 * c, cont: true);
                break;
            case CydpScenario.CPrime:
                w.Mm.AddFolio(p, 2 * c);
                w.Map(f, p, 2 * c);
                range = new ScenarioRange(f, 2 * c);
                w.TouchRange(range.Start, range.Nr);
                Expect(w, f, 2 * c, cont: true);
                break;
            case CydpScenario.D:
                w.Mm.AddFolio(p, 2 * c);
                w.Map(f, p, c);
                w.Map(f + c, p + (ulong)c, c / 2);
                w.Map(f + c + (c / 2), p + (ulong)(c + (c / 2)), c / 2);
                range = new ScenarioRange(f, 2 * c);
                w.TouchRange(range.Start, range.Nr);
                Expect(w, f, c, cont: true);
                Expect(w, f + c, c, cont: false);
                break;
            case CydpScenario.E:
                w.Mm.AddFolio(p, 4 * c);
                w.Map(f, p, 4 * c);
                range = new ScenarioRange(f + 3, 2 * c);
                w.TouchRange(range.Start, range.Nr);
                w.Touch(f + 1);                                  // block 0, below the range
                w.Touch(f + (2 * c) + 5);                        // block 2, above the range
                Expect(w, f, 4 * c, cont: true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }

        for (var i = range.Start; i < range.End; i++)
        {
            var pte = w.Get(i);
            if (!Arm64Pte.Young(pte) || !Arm64Pte.Dirty(pte))
            {
                throw new InvalidOperationException($"Scenario {scenario}: entry {i} should start young and dirty but is {w.Fmt.Describe(pte)}.");
            }
        }

        return range;
    }

    private static void Expect(World w, int start, int nr, bool cont)
    {
        for (var i = start; i < start + nr; i++)
        {
            if (w.IsCont(i) != cont)
            {
                throw new InvalidOperationException($"Scenario setup: entry {i} should {(cont ? "" : "not ")}be cont: {w.Fmt.Describe(w.Raw(i))}.");
            }
        }
    }
}

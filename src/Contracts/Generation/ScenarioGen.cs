using CsCheck;

namespace ArchPgtable.Contracts.Generation;

/// <summary>
/// CsCheck generators of <see cref="Scenario"/>s sized for one geometry: a few folios of orders up
/// to two contiguous blocks (or 16 pages without blocks), a few events and a call.
/// </summary>
internal static class ScenarioGen
{
    /// <summary>The largest folio order generated for <paramref name="geometry"/>.</summary>
    public static int MaxOrder(ArchGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var contShift = System.Numerics.BitOperations.Log2((uint)geometry.ContPtes);
        var order = geometry.ContPtes >= 32 ? contShift + 1 : Math.Max(contShift + 2, 4);
        while ((1 << order) * 4 > geometry.PtrsPerPte)
        {
            order--;
        }

        return order;
    }

    /// <summary>The most folios a state holds.</summary>
    public static int MaxFolios(ArchGeometry geometry) => geometry.ContPtes >= 64 ? 3 : 4;

    /// <summary>Scenarios for <paramref name="geometry"/>.</summary>
    public static Gen<Scenario> For(ArchGeometry geometry, int maxEvents = 6)
    {
        var maxOrder = MaxOrder(geometry);
        var maxPages = 1 << maxOrder;
        var folio = Gen.Select(
            Gen.Int[0, maxOrder], Gen.Int[0, 3], Gen.Bool, Gen.Int[0, 2 * maxPages], Gen.Int[0, 3],
            Gen.Int[0, 2], Gen.Bool, Gen.Bool,
            (order, gap, unaligned, split, hole, prot, young, dirty) =>
                new FolioSpec(order, gap, unaligned, split < (1 << order) ? split : 0, hole == 3, (ProtKind)prot, young, dirty));
        var evt = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1023], Gen.Int[0, 255],
            (kind, pick, landing) => new SetupEvent((SetupEventKind)kind, pick, landing));
        var call = Gen.Select(
            Gen.Int[0, 15], Gen.Int[0, 1023], Gen.Int[0, 1023], Gen.Int[1, 3], Gen.Bool, Gen.Int[0, 7],
            Gen.Int[0, 63], Gen.Bool, Gen.Int[0, 255], Gen.Int[0, 1 << 20],
            (run, start, len, flags, full, variant, raceTarget, raceWrite, raceLanding, raceSeed) =>
                new CallSpec(run, start, len, flags, full, variant, raceTarget, raceWrite, raceLanding, raceSeed));
        return Gen.Select(folio.Array[1, MaxFolios(geometry)], evt.Array[0, maxEvents], call,
            (folios, events, c) => new Scenario(folios, events, c));
    }
}

using System.Globalization;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Checking;

/// <summary>
/// Everything one checked call leaves behind: the core-mm view of the region before and after,
/// the raw words, the window the helper may touch, what it returned, wrote and cost, and the
/// violations found. Buffers are reused from case to case.
/// </summary>
internal sealed class CaseState
{
    private PteView[] _before = [];
    private PteView[] _after = [];
    private ulong[] _beforeRaw = [];
    private ulong[] _afterRaw = [];
    private bool[] _window = [];

    public CaseState(ContractWorld world) => World = world;

    public ContractWorld World { get; }

    public ResolvedCall Call { get; set; }

    public CallResult Result { get; set; }

    public CostSnapshot Cost { get; set; }

    public int RegionStart { get; private set; }

    public int RegionEnd { get; private set; }

    public List<string> Violations { get; } = [];

    public IReadOnlyList<RawWrite> Writes => World.Recorder.Writes;

    public bool Failed => Violations.Count > 0;

    public PteView Before(int index) => _before[index - RegionStart];

    public PteView After(int index) => _after[index - RegionStart];

    public ulong BeforeRaw(int index) => _beforeRaw[index - RegionStart];

    public ulong AfterRaw(int index) => _afterRaw[index - RegionStart];

    /// <summary>True when <paramref name="index"/> lies in the window the helper may change.</summary>
    public bool InWindow(int index) => index >= RegionStart && index < RegionEnd && _window[index - RegionStart];

    /// <summary>Starts a case: takes the region and the "before" view and raw words.</summary>
    public void Begin(ResolvedCall call)
    {
        Violations.Clear();
        Call = call;
        Result = CallResult.None;
        RegionStart = World.RegionStart;
        RegionEnd = World.RegionEnd;
        var n = RegionEnd - RegionStart;
        Ensure(ref _before, n);
        Ensure(ref _after, n);
        Ensure(ref _beforeRaw, n);
        Ensure(ref _afterRaw, n);
        Ensure(ref _window, n);
        for (var i = RegionStart; i < RegionEnd; i++)
        {
            _before[i - RegionStart] = World.View(i);
        }

        World.CopyRaw(_beforeRaw);
    }

    /// <summary>
    /// Takes the "after" raw words and view. The view is recomputed through ptep_get() for every
    /// CONT_PTES-sized group of entries whose raw words changed; an unchanged group keeps its
    /// "before" view (ptep_get() of an entry depends on its own group's words only).
    /// </summary>
    public void End()
    {
        World.CopyRaw(_afterRaw);
        var c = World.Geometry.ContPtes;
        for (var g = RegionStart; g < RegionEnd; g += c)
        {
            var end = Math.Min(g + c, RegionEnd);
            var changed = false;
            for (var i = g; i < end && !changed; i++)
            {
                changed = _afterRaw[i - RegionStart] != _beforeRaw[i - RegionStart];
            }

            for (var i = g; i < end; i++)
            {
                _after[i - RegionStart] = changed ? World.View(i) : _before[i - RegionStart];
            }
        }
    }

    /// <summary>
    /// The window: the range plus every hardware block (before the call, and after it when
    /// <paramref name="afterToo"/>) that contains an entry of the range.
    /// </summary>
    public void ComputeWindow(bool afterToo)
    {
        Array.Clear(_window, 0, RegionEnd - RegionStart);
        for (var i = Call.Start; i < Call.End; i++)
        {
            Mark(i, new Pte(_beforeRaw[i - RegionStart]));
            if (afterToo)
            {
                Mark(i, new Pte(_afterRaw[i - RegionStart]));
            }
        }
    }

    public void Fail(string violation) => Violations.Add(violation);

    public void Fail(int index, string what) => Violations.Add(string.Create(CultureInfo.InvariantCulture,
        $"{World.Where(index)}: {what}: before {Before(index).Short()}, after {After(index).Short()}"));

    private void Mark(int index, Pte raw)
    {
        var n = World.Hardware.BlockEntries(raw);
        var start = n <= 1 ? index : index & ~(n - 1);
        var end = Math.Min(RegionEnd, start + Math.Max(n, 1));
        for (var k = Math.Max(start, RegionStart); k < end; k++)
        {
            _window[k - RegionStart] = true;
        }
    }

    private static void Ensure<T>(ref T[] array, int n)
    {
        if (array.Length < n)
        {
            array = new T[Math.Max(n, array.Length * 2)];
        }
    }
}

namespace ArchPgtable.Generic.Tests;

/// <summary>Runs a call that must violate the batch contract and checks that nothing happened.</summary>
internal static class ContractRejection
{
    /// <summary>
    /// Asserts the call throws an ArgumentException-family error whose message names the helper and
    /// contains every fragment, that the table is byte-for-byte unchanged, and that nothing was
    /// counted: no PTE read or write, no TLB maintenance.
    /// </summary>
    public static ArgumentException Assert(GenericRig rig, string helper, Action call, params string[] fragments)
    {
        var before = rig.Words();
        ArgumentException? error = null;

        var cost = rig.Measure(() => error = Xunit.Assert.ThrowsAny<ArgumentException>(call));

        Xunit.Assert.NotNull(error);
        Xunit.Assert.Contains(HelperCalls.ReportedName(helper) + ":", error.Message, StringComparison.Ordinal);
        foreach (var fragment in fragments)
        {
            Xunit.Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }

        Xunit.Assert.Equal(before, rig.Words());
        Xunit.Assert.Equal(GenericRig.Cost(), cost);
        return error;
    }
}

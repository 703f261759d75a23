namespace ArchPgtable.Contracts.Running;

/// <summary>How one property came out on one build, known findings taken into account.</summary>
public enum PropertyStatus
{
    /// <summary>Every case held.</summary>
    Pass,

    /// <summary>A case failed: the counterexample is a bug to fix.</summary>
    Fail,

    /// <summary>The property does not apply to this build.</summary>
    Skip,

    /// <summary>A case failed, and the build declares the property a known upstream finding (kselftest XFAIL).</summary>
    ExpectedFailure,

    /// <summary>Every case held although the build declares a known finding: not reproduced in this many cases (kselftest XPASS).</summary>
    UnexpectedPass,
}

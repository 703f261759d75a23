namespace ArchPgtable.Native;

/// <summary>
/// The native helpers could not be built: a missing tree, file or function, a patch that does not
/// apply, a compile error. The message is one line, fit for <c>archpgtable: error: …</c> and exit 2.
/// </summary>
public sealed class NativeBuildException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public NativeBuildException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the cause.</summary>
    public NativeBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public NativeBuildException()
    {
    }
}

namespace ArchPgtable.Native;

/// <summary>A native helper hit a BUG_ON/VM_BUG_ON or a WARN_ON/VM_WARN_ON, or touched a PTE outside its table.</summary>
public sealed class NativeHelperException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public NativeHelperException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public NativeHelperException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public NativeHelperException()
    {
    }
}

using System.Globalization;

namespace ArchPgtable.Mm;

/// <summary>An access the fault handler could not resolve: no VMA, or a permission the VMA does not grant.</summary>
/// <remarks>Kernel: SIGSEGV from do_page_fault() / bad_area()</remarks>
public sealed class SegmentationFaultException : Exception
{
    /// <summary>Creates the exception for an address.</summary>
    public SegmentationFaultException(ulong address, string reason)
        : base(string.Create(CultureInfo.InvariantCulture, $"SIGSEGV at 0x{address:x}: {reason}")) => Address = address;

    /// <summary>Creates the exception.</summary>
    public SegmentationFaultException() : base("SIGSEGV") { }

    /// <summary>Creates the exception with a message.</summary>
    public SegmentationFaultException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public SegmentationFaultException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The faulting address.</summary>
    public ulong Address { get; }
}

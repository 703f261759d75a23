namespace ArchPgtable;

/// <summary>The access a VMA allows, from which an architecture derives a PTE protection.</summary>
/// <remarks>Kernel: vm_flags_t (VM_READ, VM_WRITE, VM_EXEC, VM_SHARED).</remarks>
[Flags]
public enum VmFlags
{
    /// <summary>No access (PROT_NONE).</summary>
    None = 0,

    /// <summary>Readable.</summary>
    /// <remarks>Kernel: VM_READ</remarks>
    Read = 1,

    /// <summary>Writable.</summary>
    /// <remarks>Kernel: VM_WRITE</remarks>
    Write = 2,

    /// <summary>Executable.</summary>
    /// <remarks>Kernel: VM_EXEC</remarks>
    Exec = 4,

    /// <summary>Shared mapping (writes are not copied on write).</summary>
    /// <remarks>Kernel: VM_SHARED</remarks>
    Shared = 8,
}

namespace ArchPgtable.Contracts.Generation;

/// <summary>The protection a generated folio is mapped with.</summary>
internal enum ProtKind
{
    /// <summary>Writable (a shared writable mapping, or an exclusive anon page after its write fault).</summary>
    Writable,

    /// <summary>Write-protected (for example after fork): a write fault reuses the page (do_wp_page).</summary>
    ReadOnly,

    /// <summary>Writable and executable.</summary>
    WritableExec,
}

using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Platform;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Nodes;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.Snapshots;

namespace VolumeBackup.Server.Operations.Volumes;

/// <summary>
/// "Manage existing" and "unmanage", the admin actions of both API surfaces: adopt a block device or regular file that
/// already exists on this node as a volume, and release it again. Neither ever reads or writes the bytes. Every check
/// runs before anything is recorded, so a refused request changes nothing.
/// </summary>
internal sealed class VolumeManagement(
    VolumeStore volumes, IVolumeDriver driver, IVolumeSnapshots snapshots, VolumeService service, NodeDirectory nodes,
    IOptions<VolumeBackupOptions> options)
{
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;

    public async Task<Volume> ManageAsync(string tenantId, string? userId, ManageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var allowed = new ManageablePaths(settings.Volumes.ManageablePaths);
        if (!allowed.IsEnabled)
        {
            throw BadRequest(FaultMessages.ManagingDisabled);
        }

        EnsureThisNode(request.Host);
        var zone = service.EnsureAvailabilityZone(request.AvailabilityZone);
        var path = request.SourceName;
        var canonical = Canonical(path);
        if (!allowed.Allows(canonical))
        {
            throw BadRequest(FaultMessages.ManagePathNotAllowed(path, canonical));
        }

        var node = FileNodes.Stat(canonical);
        if (node.Kind == FileNodeKind.Other)
        {
            throw BadRequest(FaultMessages.ManagePathWrongKind(path));
        }

        if (IsServiceData(canonical, settings))
        {
            throw BadRequest(FaultMessages.ManagePathIsServiceData(path));
        }

        if (await IsManagedAsync(canonical, node, ct))
        {
            throw BadRequest(FaultMessages.ManagePathAlreadyManaged(path));
        }

        var sizeBytes = node.Kind == FileNodeKind.BlockDevice ? DeviceSizeIfFree(path, canonical) : new FileInfo(canonical).Length;
        if (sizeBytes == 0)
        {
            throw BadRequest(FaultMessages.ManagePathEmpty(path));
        }

        var sizeGb = (int)Math.Min(int.MaxValue, (sizeBytes + (1L << 30) - 1) >> 30); // rounded up, as Cinder does
        var volume = new Volume
        {
            TenantId = tenantId,
            UserId = userId,
            DisplayName = request.DisplayName,
            DisplayDescription = request.DisplayDescription,
            SizeGb = sizeGb,
            Status = VolumeStatus.Available, // nothing to create: the bytes are there
            AvailabilityZone = zone,
            Host = driver.Host,
            Metadata = request.Metadata,
            ManagedPath = canonical,
            ManagedSizeBytes = sizeBytes,
        };
        Volume? added;
        try
        {
            added = await volumes.TryAddWithinQuotaAsync(volume, settings.Quotas.ToVolumeQuota(), ct);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // A racing request adopted the same path first: the unique index (Host, ManagedPath) refused this one.
            if (await IsManagedAsync(canonical, node, CancellationToken.None))
            {
                throw BadRequest(FaultMessages.ManagePathAlreadyManaged(path));
            }

            throw;
        }

        return added ?? throw new FaultException(Fault.QuotaExceeded(FaultMessages.VolumeQuotaExceeded(sizeGb)));
    }

    /// <summary>Releases an adopted volume: its row goes, its bytes stay as they are. Available or error volumes only.</summary>
    public async Task UnmanageAsync(string tenantId, long id, CancellationToken ct)
    {
        var volume = await volumes.FindAsync(tenantId, id, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(RouteIds.Format(id))));
        if (volume.ManagedPath is null)
        {
            throw BadRequest(FaultMessages.VolumeNotManaged(RouteIds.Format(id)));
        }

        await service.EnsureNoPoliciesAsync(id, ct);

        await nodes.EnsureUpAsync(volume.Host, ct);

        string[] releasable = [VolumeStatus.Available, VolumeStatus.Error];
        if (!releasable.Contains(volume.Status) || !await volumes.TryTransitionAsync(id, releasable, VolumeStatus.Deleting, ct))
        {
            var now = await volumes.FindAsync(tenantId, id, CancellationToken.None);
            throw BadRequest(FaultMessages.VolumeToUnmanageMustBeAvailableOrError(now?.Status ?? VolumeStatus.Deleting));
        }

        // The clones the service made beside an adopted file are the service's, not the volume's: they go with it.
        snapshots.DeleteAll(volume.Location());

        await volumes.RemoveDeletingAsync(id, CancellationToken.None);
    }

    /// <summary>Cinder names hosts <c>host@backend#pool</c>; the part before <c>@</c> or <c>#</c> must be this node.</summary>
    private void EnsureThisNode(string? host)
    {
        if (host is null)
        {
            return;
        }

        var name = host.Split('@', '#')[0];
        if (!string.Equals(name, driver.Host, StringComparison.Ordinal))
        {
            throw BadRequest(FaultMessages.ManageHostIsNotThisNode(host, driver.Host));
        }
    }

    /// <summary>The path with every symlink resolved, so that the allow-list and the uniqueness checks see what it names.</summary>
    private static string Canonical(string path)
    {
        if (path.Length == 0 || path[0] != '/' || path.Contains('\0', StringComparison.Ordinal))
        {
            throw BadRequest(FaultMessages.ManagePathNotAbsolute(path));
        }

        try
        {
            return FileNodes.RealPath(path);
        }
        catch (IOException e) when (e.HResult is NoSuchFile or NotADirectory)
        {
            throw BadRequest(FaultMessages.ManagePathMissing(path));
        }
    }

    /// <summary>Whether the path lies in the service's own data directory (its volume files, packs, database).</summary>
    private bool IsServiceData(string canonical, VolumeBackupOptions settings)
    {
        string[] own = [settings.DataDirectoryFullPath, Path.GetDirectoryName(driver.GetDevicePath("0"))!];
        return own.Where(Directory.Exists).Select(FileNodes.RealPath)
            .Any(dir => canonical == dir || canonical.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal));
    }

    /// <summary>Whether an adopted volume of this node already has these bytes, by path or by device or file identity.</summary>
    private async Task<bool> IsManagedAsync(string canonical, FileNode node, CancellationToken ct)
    {
        foreach (var managed in await volumes.ListManagedAsync(driver.Host, ct))
        {
            if (managed.ManagedPath == canonical || SameBytes(managed.ManagedPath!, node))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameBytes(string otherPath, FileNode node)
    {
        try
        {
            return FileNodes.Stat(otherPath).SameBytesAs(node);
        }
        catch (IOException)
        {
            return false; // an adopted path that is gone holds nothing
        }
    }

    /// <summary>
    /// The device's size, once an exclusive open proves nothing holds it: the kernel refuses O_EXCL (EBUSY) while the
    /// device is mounted, part of a RAID or device-mapper target, a swap area, or opened exclusively by a program.
    /// </summary>
    private static long DeviceSizeIfFree(string path, string canonical)
    {
        var errno = BlockDevices.TryOpenExclusively(canonical);
        if (errno != 0)
        {
            throw BadRequest(FaultMessages.ManagePathInUse(path, errno == BlockDevices.Busy
                ? "it is mounted or held open exclusively"
                : "it cannot be opened: " + new Win32Exception(errno).Message));
        }

        using var device = File.OpenHandle(canonical, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return BlockDevices.SizeOf(device, path);
    }

    private static FaultException BadRequest(string message) => new(Fault.BadRequest(message));
}

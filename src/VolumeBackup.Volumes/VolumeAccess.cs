namespace VolumeBackup.Volumes;

public enum VolumeAccess
{
    Read,
    ReadWrite,
}

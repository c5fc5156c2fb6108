namespace VolumeBackup.Server.Nodes;

/// <summary>A node as the admin views show it: its state, how busy it is and how many volumes it keeps.</summary>
internal sealed record NodeReport(NodeState State, int RunningJobs, int Volumes);

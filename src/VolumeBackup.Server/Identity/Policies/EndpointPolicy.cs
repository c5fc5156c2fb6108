namespace VolumeBackup.Server.Identity.Policies;

/// <summary>Endpoint metadata: the policy (a name of <see cref="AccessPolicies"/>) the route needs.</summary>
internal sealed record EndpointPolicy(string Name);

/// <summary>
/// Endpoint metadata for Cinder's <c>POST .../action</c> routes, where the body names the action and each action has
/// its own policy: the handler reads the action, then <see cref="PolicyEnforcement.DemandAction"/> checks its policy
/// before anything else runs. An action missing here is refused, so a new action cannot run unchecked.
/// </summary>
internal sealed class ActionPolicies(IReadOnlyDictionary<string, string> byAction)
{
    public IReadOnlyDictionary<string, string> ByAction { get; } = byAction;
}

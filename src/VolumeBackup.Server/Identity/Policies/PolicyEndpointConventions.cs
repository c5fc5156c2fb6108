namespace VolumeBackup.Server.Identity.Policies;

/// <summary>Declares a route's policy as endpoint metadata, checked against the table when the route is mapped.</summary>
internal static class PolicyEndpointConventions
{
    public static TBuilder RequirePolicy<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointPolicy(Known(policy)));

    /// <summary>For routes whose body names the action: action name -> policy.</summary>
    public static TBuilder RequireActionPolicies<TBuilder>(this TBuilder builder, params (string Action, string Policy)[] actions)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ActionPolicies(actions.ToDictionary(a => a.Action, a => Known(a.Policy), StringComparer.Ordinal)));

    // A misspelt name would deny every caller; failing at start says which route is wrong.
    private static string Known(string policy) =>
        AccessPolicies.Table.ContainsKey(policy)
            ? policy
            : throw new InvalidOperationException($"The policy {policy} is not in the policy table.");
}

namespace Formation.Application.Features.Planning;

/// <summary>Told when an organisation's plan (working profile or versions) changes, so hosts can drop what they cached.</summary>
public interface IPlanChanges
{
    Task ChangedAsync(Guid organizationId, CancellationToken cancellationToken);
}

/// <summary>For hosts that cache nothing.</summary>
public sealed class NoPlanChanges : IPlanChanges
{
    public Task ChangedAsync(Guid organizationId, CancellationToken cancellationToken) => Task.CompletedTask;
}

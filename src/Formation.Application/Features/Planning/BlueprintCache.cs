using System.Security.Cryptography;
using System.Text;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Yaml;
using Microsoft.Extensions.Caching.Memory;

namespace Formation.Application.Features.Planning;

/// <summary>
/// Remembers the blueprints of recently planned profiles. The engine is deterministic and its results are
/// immutable, so the same text (with the same library) always gives the same answer and can be shared by
/// every request that shows it.
/// </summary>
public sealed class BlueprintCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 256 });

    public (Blueprint? Blueprint, IReadOnlyList<ValidationError> Errors) GetOrCompute(
        string yaml, string sourceName, PlaybookLibrary library, Func<(Blueprint?, IReadOnlyList<ValidationError>)> compute)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(compute);
        var key = (Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(yaml))), sourceName, library);
        if (_cache.TryGetValue(key, out (Blueprint?, IReadOnlyList<ValidationError>) found))
        {
            return found;
        }

        var result = compute();

        // Only plans are worth keeping; invalid texts (and whatever a hostile one produced) are not.
        if (result.Item1 is not null)
        {
            _cache.Set(key, result, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        }

        return result;
    }

    public void Dispose() => _cache.Dispose();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SimGan.Admin.Contract;

namespace SimGan.Admin.Client;

/// <summary>
/// Calls one node's admin API (what <c>simgan ctl</c> stands on). Every failure is an <see cref="AdminClientException"/>
/// whose message says what went wrong in the operator's terms.
/// </summary>
public sealed class AdminClient : IDisposable
{
    /// <summary>Where ctl and the nodes read the token from when none is given on the command line.</summary>
    public const string TokenVariable = "SIMGAN_ADMIN_TOKEN";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;

    /// <param name="node">HOST:PORT of the node's admin endpoint.</param>
    public AdminClient(string node, string? token)
    {
        Node = node;
        if (!Uri.TryCreate($"http://{node}/", UriKind.Absolute, out var baseAddress) || baseAddress.AbsolutePath != "/")
            throw new AdminClientException($"'{node}' is not HOST:PORT", null);
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout };
        if (!string.IsNullOrEmpty(token)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public string Node { get; }

    public Task<ClusterView> GetClusterAsync(CancellationToken ct = default) => GetAsync<ClusterView>(AdminRoutes.Cluster, ct);

    public Task<AdminActionResult> LeaveAsync(string address, CancellationToken ct = default) =>
        PostAsync(AdminRoutes.Leave, new AddressRequest(address), ct);

    public Task<AdminActionResult> DownAsync(string address, CancellationToken ct = default) =>
        PostAsync(AdminRoutes.Down, new AddressRequest(address), ct);

    public Task<AdminActionResult> DownUnreachableAsync(CancellationToken ct = default) => PostAsync(AdminRoutes.DownUnreachable, null, ct);

    public Task<ShardRegionsView> GetShardRegionsAsync(CancellationToken ct = default) => GetAsync<ShardRegionsView>(AdminRoutes.ShardRegions, ct);

    public Task<ShardStatsView> GetShardStatsAsync(CancellationToken ct = default) => GetAsync<ShardStatsView>(AdminRoutes.ShardStats, ct);

    /// <returns>null when the cluster runs no training.</returns>
    public async Task<TrainingStatusView?> GetTrainingAsync(CancellationToken ct = default)
    {
        var json = await SendAsync(new HttpRequestMessage(HttpMethod.Get, AdminRoutes.Training), ct, absentIsNull: true);
        return json is null ? null : Parse<TrainingStatusView>(json);
    }

    public Task<AdminActionResult> PauseTrainingAsync(CancellationToken ct = default) => PostAsync(AdminRoutes.Pause, null, ct);

    public Task<AdminActionResult> ResumeTrainingAsync(CancellationToken ct = default) => PostAsync(AdminRoutes.Resume, null, ct);

    public Task<AdminActionResult> SnapshotTrainingAsync(CancellationToken ct = default) => PostAsync(AdminRoutes.Snapshot, null, ct);

    public async Task<string> GetMetricsAsync(CancellationToken ct = default) =>
        (await SendAsync(new HttpRequestMessage(HttpMethod.Get, AdminRoutes.Metrics), ct))!;

    /// <summary>The JSON a GET route answered, as sent; null for the "no training" answer of <see cref="AdminRoutes.Training"/>.</summary>
    public Task<string?> GetRawAsync(string route, CancellationToken ct = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, route), ct, absentIsNull: route == AdminRoutes.Training);

    /// <summary>The JSON a POST route answered, as sent.</summary>
    public async Task<string> PostRawAsync(string route, object? body, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body, AdminJson.Options), Encoding.UTF8, "application/json");
        return (await SendAsync(request, ct))!;
    }

    private async Task<T> GetAsync<T>(string route, CancellationToken ct) => Parse<T>((await GetRawAsync(route, ct))!);

    private async Task<AdminActionResult> PostAsync(string route, object? body, CancellationToken ct) =>
        Parse<AdminActionResult>(await PostRawAsync(route, body, ct));

    /// <param name="absentIsNull">Answer null, not an error, when the server says there is no training.</param>
    private async Task<string?> SendAsync(HttpRequestMessage request, CancellationToken ct, bool absentIsNull = false)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, ct);
            }
            catch (HttpRequestException ex)
            {
                throw new AdminClientException($"cannot reach the admin endpoint at {Node} ({Reason(ex)})", null, ex);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new AdminClientException($"cannot reach the admin endpoint at {Node} (no answer within {Timeout.TotalSeconds:0} s)", null, ex);
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode) return text;
                var error = ErrorMessage(text);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                    throw new AdminClientException($"the admin token was refused by {Node}", 401);
                if (absentIsNull && response.StatusCode == HttpStatusCode.NotFound && error == Server.AdminEndpoints.NoTraining)
                    return null;
                throw new AdminClientException(
                    $"{Node} answered {(int)response.StatusCode} {response.ReasonPhrase}: {error ?? "(no explanation given)"}",
                    (int)response.StatusCode);
            }
        }
    }

    private T Parse<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, AdminJson.Options)
                ?? throw new JsonException("empty answer");
        }
        catch (JsonException ex)
        {
            throw new AdminClientException($"{Node} answered something that is not the admin API's JSON: {ex.Message}", null, ex);
        }
    }

    private static string? ErrorMessage(string body)
    {
        try { return JsonSerializer.Deserialize<ErrorBody>(body, AdminJson.Options)?.Error; }
        catch (JsonException) { return string.IsNullOrWhiteSpace(body) ? null : body.Trim(); }
    }

    private static string Reason(HttpRequestException ex) => ex.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => "unknown host",
        SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable } => "network unreachable",
        SocketException socket => socket.Message,
        _ => ex.Message,
    };

    public void Dispose() => _http.Dispose();
}

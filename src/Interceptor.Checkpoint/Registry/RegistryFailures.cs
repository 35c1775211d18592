using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;

namespace Interceptor.Checkpoint.Registry;

/// <summary>Turns registry statuses and transport errors into <see cref="RegistryException"/>s: the one place that classifies.</summary>
internal static class RegistryFailures
{
    /// <summary>The failure for a status the operation did not expect.</summary>
    public static RegistryException FromStatus(string operation, RegistryResponse response)
    {
        var code = (int)response.Status;
        var errors = ErrorCodes(response.Body);
        var kind = response.Status switch
        {
            HttpStatusCode.Unauthorized => RegistryFailureKind.Unauthorized,
            HttpStatusCode.Forbidden => RegistryFailureKind.Denied,
            HttpStatusCode.MethodNotAllowed => RegistryFailureKind.Unsupported,
            HttpStatusCode.RequestedRangeNotSatisfiable => RegistryFailureKind.UploadLost,
            HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable => RegistryFailureKind.Unavailable,
            HttpStatusCode.GatewayTimeout => RegistryFailureKind.Timeout,
            // distribution answers DIGEST_INVALID when the bytes it stored do not hash to the digest we named.
            HttpStatusCode.BadRequest when errors.Contains("DIGEST_INVALID", StringComparison.Ordinal) => RegistryFailureKind.DigestMismatch,
            HttpStatusCode.NotFound when errors.Contains("BLOB_UPLOAD_UNKNOWN", StringComparison.Ordinal) => RegistryFailureKind.UploadLost,
            HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.RequestEntityTooLarge => RegistryFailureKind.Rejected,
            _ => RegistryFailureKind.ProtocolError,
        };
        var detail = kind == RegistryFailureKind.Unsupported
            ? "the registry does not allow this operation (for deletes, distribution needs storage.delete.enabled: true)"
            : $"unexpected status {code}";
        return new RegistryException(kind, operation, errors.Length > 0 ? $"{detail}; registry says: {errors}" : detail, code);
    }

    /// <summary>The failure for an exception from sending or reading, or null when it is not the registry's (cancellation, bugs).</summary>
    public static RegistryException? FromTransport(string operation, Exception exception) => exception switch
    {
        HttpRequestException { InnerException: AuthenticationException } or AuthenticationException =>
            new RegistryException(RegistryFailureKind.Untrusted, operation, "the registry's TLS certificate is not trusted (check the CA bundle)", null, exception),
        HttpRequestException or IOException or SocketException =>
            new RegistryException(RegistryFailureKind.Unavailable, operation, $"connection failed: {exception.Message}", null, exception),
        _ => null,
    };

    public static RegistryException Protocol(string operation, string detail, int? status = null) =>
        new(RegistryFailureKind.ProtocolError, operation, detail, status);

    // distribution and the OCI spec answer {"errors":[{"code":"...","message":"..."}]}; anything else is ignored.
    private static string ErrorCodes(byte[] body)
    {
        if (body.Length == 0 || body[0] != (byte)'{')
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return string.Empty;
            }

            var text = new StringBuilder();
            foreach (var error in errors.EnumerateArray().Take(5))
            {
                text.Append(text.Length > 0 ? "; " : string.Empty)
                    .Append(Property(error, "code")).Append(' ').Append(Property(error, "message"));
            }

            return text.ToString();
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private static string Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()! : string.Empty;
}

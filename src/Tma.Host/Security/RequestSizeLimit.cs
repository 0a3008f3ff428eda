using Microsoft.AspNetCore.Http.Features;

namespace Tma.Host;

/// <summary>
/// Refuses bodies over the configured size in every server (Kestrel enforces its own limit too; in-process test
/// servers and proxies that strip it do not): a declared length is checked up front, a chunked body as it is read.
/// </summary>
internal static class RequestSizeLimit
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long maxBytes) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > maxBytes)
        {
            await Problems.Of(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is larger than the host accepts.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        context.Request.Body = new LimitedStream(context.Request.Body, maxBytes);
        await next(context).ConfigureAwait(false);
    });

    private sealed class LimitedStream(Stream inner, long maxBytes) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > maxBytes)
            {
                throw new Microsoft.AspNetCore.Http.BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }
    }
}

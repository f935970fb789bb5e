package org.twostep.web.enroll;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.twostep.web.Markup;
import java.util.Objects;

/**
 * Renders text (typically an {@link org.twostep.totp.OtpAuthUri}) as a QR code: error correction level M and a
 * 2-module quiet zone, as an inline SVG with one module per SVG unit.
 *
 * <pre>{@code
 * String uri = OtpAuthUri.of("TwoStep", "alice@example.com", secret, TotpParameters.defaults());
 * String svg = QrCodes.svg(uri, "QR code to add TwoStep to your authenticator app");
 * }</pre>
 *
 * <p>Exception messages never contain the text, which usually embeds a secret.
 */
public final class QrCodes {

    /** Quiet zone around the symbol, in modules. */
    static final int MARGIN = 2;

    private static final String DEFAULT_LABEL = "QR code";

    private QrCodes() {
    }

    /**
     * Encodes text as a QR code matrix, one bit per module, quiet zone included.
     *
     * @param text the content, not empty
     * @return the module matrix ({@code true} = dark)
     * @throws IllegalArgumentException if the text is empty or too long for a QR code
     */
    public static BitMatrix matrix(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("text must not be empty");
        }
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, MARGIN);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            // Only for non-ASCII text: the hint adds an ECI segment that some older readers mishandle.
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            // Width and height 0: the smallest rendering, one pixel per module.
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text cannot be encoded as a QR code", e);
        }
    }

    /**
     * Same as {@link #svg(String, String)} with the label {@value #DEFAULT_LABEL}.
     *
     * @param text the content, not empty
     * @return a standalone SVG document
     */
    public static String svg(String text) {
        return svg(text, DEFAULT_LABEL);
    }

    /**
     * Renders text as a standalone SVG: a white background and one path of dark modules,
     * {@code viewBox} in module units (scale it with CSS), {@code role="img"} and the given label.
     *
     * @param text  the content, not empty
     * @param label accessible name, e.g. "QR code for your authenticator app"; XML-escaped here
     * @return a standalone SVG document
     */
    public static String svg(String text, String label) {
        Objects.requireNonNull(label, "label");
        BitMatrix m = matrix(text);
        int width = m.getWidth();
        int height = m.getHeight();
        StringBuilder path = new StringBuilder(width * height);
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && m.get(x, y)) {
                    x++;
                }
                int run = x - start;
                // One rectangle per horizontal run of dark modules.
                path.append('M').append(start).append(' ').append(y)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + ' ' + height
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"" + Markup.escape(label) + "\">"
                + "<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/>"
                + "</svg>";
    }
}

package org.twostep.web.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.twostep.totp.OtpAuthUri;
import org.twostep.totp.TotpParameters;

class QrCodesTest {

    private static final int PIXELS_PER_MODULE = 4;
    private static final int EXTRA_QUIET_MODULES = 4;

    private static final String URI = OtpAuthUri.of("TwoStep", "alice@example.com",
            "12345678901234567890".getBytes(StandardCharsets.US_ASCII), TotpParameters.defaults());

    @Test
    void qrCodeDecodesBackToTheSameOtpauthUri() throws Exception {
        BitMatrix matrix = QrCodes.matrix(URI);

        int quiet = EXTRA_QUIET_MODULES * PIXELS_PER_MODULE;
        int width = matrix.getWidth() * PIXELS_PER_MODULE + 2 * quiet;
        int height = matrix.getHeight() * PIXELS_PER_MODULE + 2 * quiet;
        int[] pixels = new int[width * height];
        for (int py = 0; py < height; py++) {
            for (int px = 0; px < width; px++) {
                int mx = (px - quiet) / PIXELS_PER_MODULE;
                int my = (py - quiet) / PIXELS_PER_MODULE;
                boolean dark = px >= quiet && py >= quiet
                        && mx < matrix.getWidth() && my < matrix.getHeight() && matrix.get(mx, my);
                pixels[py * width + px] = dark ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        LuminanceSource source = new RGBLuminanceSource(width, height, pixels);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));

        Result result = new QRCodeReader().decode(bitmap);

        assertEquals(URI, result.getText());
    }

    @Test
    void matrixIncludesTwoModuleQuietZone() {
        BitMatrix matrix = QrCodes.matrix(URI);
        for (int i = 0; i < matrix.getWidth(); i++) {
            for (int q = 0; q < QrCodes.MARGIN; q++) {
                assertTrue(!matrix.get(i, q) && !matrix.get(q, i), "quiet zone must be light");
            }
        }
        // Top-left finder pattern starts right after the quiet zone.
        assertTrue(matrix.get(QrCodes.MARGIN, QrCodes.MARGIN));
    }

    @Test
    void svgIsStandaloneWithEscapedLabelAndModuleViewBox() {
        BitMatrix matrix = QrCodes.matrix(URI);
        String svg = QrCodes.svg(URI, "Scan \"TwoStep\" <alice> & co");

        assertTrue(svg.startsWith("<svg"), svg);
        assertTrue(svg.endsWith("</svg>"));
        assertTrue(svg.contains("aria-label=\"Scan &quot;TwoStep&quot; &lt;alice&gt; &amp; co\""));
        assertTrue(svg.contains("role=\"img\""));
        assertTrue(svg.contains("shape-rendering=\"crispEdges\""));
        assertTrue(svg.contains("viewBox=\"0 0 " + matrix.getWidth() + " " + matrix.getHeight() + "\""));
        assertTrue(svg.contains("fill=\"#fff\""));
        assertEquals(1, svg.split("<path", -1).length - 1, "exactly one path");
    }
}

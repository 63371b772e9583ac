// Draws a QR code as an SVG built with the DOM (no inline markup or styles, which the page's
// Content-Security-Policy would refuse), from the vendored qrcode-generator.

import qrcode from './vendor/qrcode-generator.mjs';

const SVG = 'http://www.w3.org/2000/svg';

/** An <svg role="img"> of the text as a QR code, error correction M, with a quiet zone of 4 modules. */
export function qrSvg(text, label) {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const modules = code.getModuleCount();
  const size = modules + 8;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', size);
  background.setAttribute('height', size);
  background.setAttribute('fill', '#ffffff');
  svg.append(background);
  let path = '';
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (code.isDark(row, col)) {
        path += `M${col + 4} ${row + 4}h1v1h-1z`;
      }
    }
  }
  const dark = document.createElementNS(SVG, 'path');
  dark.setAttribute('d', path);
  dark.setAttribute('fill', '#000000');
  svg.append(dark);
  return svg;
}

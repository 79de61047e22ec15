// Drawing a curve on the surface picture: pointer positions become data coordinates through the picture's plot area
// (surfaceSVG marks it with its data ranges), and releasing the pointer hands the stroke over.
export function attachDrawing(container: HTMLElement, enabled: () => boolean, done: (stroke: [number, number][]) => void): void {
  let stroke: [number, number][] | undefined
  const toData = (event: PointerEvent): [number, number] | undefined => {
    const area = container.querySelector<SVGRectElement>('.plot-area')
    if (!area) return undefined
    const box = area.getBoundingClientRect()
    const [xLow, xHigh] = (area.dataset.xRange ?? '-1 1').split(' ').map(Number)
    const [yLow, yHigh] = (area.dataset.yRange ?? '-1 1').split(' ').map(Number)
    const fx = (event.clientX - box.left) / box.width, fy = (event.clientY - box.top) / box.height
    if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) return undefined
    return [xLow + fx * (xHigh - xLow), yHigh - fy * (yHigh - yLow)]
  }
  container.addEventListener('pointerdown', (event) => {
    if (!enabled()) return
    const point = toData(event)
    if (!point) return
    event.preventDefault()   // no text selection while drawing
    stroke = [point]
    container.setPointerCapture(event.pointerId)
  })
  container.addEventListener('pointermove', (event) => {
    const point = stroke && toData(event)
    if (!point || !stroke) return
    stroke.push(point)
    // the stroke so far, drawn over the picture
    const area = container.querySelector<SVGRectElement>('.plot-area')
    const svg = area?.ownerSVGElement
    if (!area || !svg) return
    let line = svg.querySelector<SVGPolylineElement>('polyline.stroke')
    if (!line) {
      line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline')
      line.setAttribute('class', 'stroke')
      line.setAttribute('fill', 'none')
      line.setAttribute('stroke', '#2ca02c')
      line.setAttribute('stroke-width', '2')
      svg.appendChild(line)
    }
    const { x, y, width, height } = { x: area.x.baseVal.value, y: area.y.baseVal.value, width: area.width.baseVal.value, height: area.height.baseVal.value }
    const [xLow, xHigh] = (area.dataset.xRange ?? '-1 1').split(' ').map(Number)
    const [yLow, yHigh] = (area.dataset.yRange ?? '-1 1').split(' ').map(Number)
    line.setAttribute('points', stroke.map(([px, py]) => `${x + ((px - xLow) / (xHigh - xLow)) * width},${y + ((yHigh - py) / (yHigh - yLow)) * height}`).join(' '))
  })
  const finish = () => {
    const finished = stroke
    stroke = undefined
    if (finished && finished.length >= 2) done(finished)
  }
  container.addEventListener('pointerup', finish)
  container.addEventListener('pointercancel', finish)
}

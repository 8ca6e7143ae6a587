/** While a page's code loads: plain markup and CSS (styles.css), so the app frame needs no antd. */
export function PageSpin() {
  return (
    <div className="page-spin" aria-busy="true" role="status">
      <span className="spinner" aria-hidden />
      <span>正在加载…</span>
    </div>
  );
}

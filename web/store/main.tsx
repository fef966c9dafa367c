/** Entry of the store page. */
import { render } from 'preact';

function App() {
  return <h1>Daogou store</h1>;
}

const root = document.getElementById('app');
if (root) render(<App />, root);

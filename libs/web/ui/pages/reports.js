// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'reports',
  title: 'reports',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'reports'));
  },
};

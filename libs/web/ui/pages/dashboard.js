// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'dashboard',
  title: 'dashboard',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'dashboard'));
  },
};

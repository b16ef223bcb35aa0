// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'surveys',
  title: 'surveys',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'surveys'));
  },
};

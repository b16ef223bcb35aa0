// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'case-conferences',
  title: 'case_conferences',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'case_conferences'));
  },
};
